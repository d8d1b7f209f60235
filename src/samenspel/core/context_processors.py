# SPDX-License-Identifier: EUPL-1.2
from samenspel.core.models import Notification


def samenspel(request):
    unread = 0
    if request.user.is_authenticated:
        unread = Notification.objects.filter(recipient=request.user, read=False).count()
    return {"unread_notifications": unread}
