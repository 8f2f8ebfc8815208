from events.management.commands.send_event_mail import Command as SendEventMail


class Command(SendEventMail):
    """The name the timers knew before ``send_event_mail`` sent more than reminders; it does the same."""

    help = f"The former name of send_event_mail, which it runs. {SendEventMail.help}"
