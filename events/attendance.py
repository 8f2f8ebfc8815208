"""How many people attended an event: the one rule the event page and the activity report read.

- **In person**: the registrants checked in at the door (``CheckIn`` in person), by QR code, short
  code or the staff's list.
- **Online**: the number staff recorded on the event (``Event.online_attendance``) where they did,
  since the streaming service's own count (viewers who never registered among them) is the better
  figure; otherwise the registrants whom staff marked as attending online from their list.
- **In all**: the number staff recorded on the event (``Event.attendance``) where they did, an
  override for what check-ins cannot count (people let in without registering, events held before
  check-in existed); otherwise in person plus online.

An event with no check-in and neither number recorded has no attendance ("not recorded"), rather
than an attendance of nought.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Attendance:
    in_person: int
    online: int
    total: int | None
    # The total is the number staff recorded, not the sum of the two parts.
    overridden: bool = False

    @property
    def is_recorded(self):
        return self.total is not None


def count_attendance(*, recorded_total, recorded_online, in_person_check_ins, online_check_ins):
    """The attendance by the rule above, from the event's recorded numbers and its counts of check-ins."""
    online = online_check_ins if recorded_online is None else recorded_online
    if recorded_total is not None:
        return Attendance(in_person_check_ins, online, recorded_total, overridden=True)
    if not in_person_check_ins and not online_check_ins and recorded_online is None:
        return Attendance(0, 0, None)
    return Attendance(in_person_check_ins, online, in_person_check_ins + online)


def attendance_of(event):
    """The event's attendance; from the counts of ``Event.objects.with_attendance()`` where the event was read
    with them, else counted now (one query)."""
    if not hasattr(event, "in_person_check_ins"):
        counts = type(event).objects.with_attendance().filter(pk=event.pk)
        event.in_person_check_ins, event.online_check_ins = counts.values_list(
            "in_person_check_ins", "online_check_ins"
        ).get()
    return count_attendance(
        recorded_total=event.attendance,
        recorded_online=event.online_attendance,
        in_person_check_ins=event.in_person_check_ins,
        online_check_ins=event.online_check_ins,
    )
