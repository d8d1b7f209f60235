// A visible character counter under every text field that has a maximum length.
// The sentence comes translated from the page (data-counter-text on <body>).
(function () {
  "use strict";
  var template = document.body.getAttribute("data-counter-text") || "%(used)s / %(max)s";
  var fields = document.querySelectorAll("textarea[maxlength], input[type=text][maxlength]");
  Array.prototype.forEach.call(fields, function (field, index) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!max || field.readOnly || field.disabled) {
      return;
    }
    var counter = document.createElement("p");
    counter.className = "samenspel-counter";
    counter.id = (field.id || "veld-" + index) + "_counter";
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    function update() {
      var used = field.value.length;
      counter.textContent = template.replace("%(used)s", used).replace("%(max)s", max);
      counter.classList.toggle("samenspel-counter--near", used > max * 0.9);
    }
    field.addEventListener("input", update);
    field.insertAdjacentElement("afterend", counter);
    update();
  });
})();
