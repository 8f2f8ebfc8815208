"""Checks the admin tests of every app share: pages open for staff, in a fixed number of queries."""

import io

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django import forms
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook


def record_second_factor(client, user):
    """Records in ``client``'s session that it passed the second factor, as allauth's sign-in does."""
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


def sign_in_without_second_factor(client, user):
    """Signs ``user`` in with a session that has not passed the second factor (one older than the factor)."""
    client.force_login(user)
    session = client.session
    session.pop(AUTHENTICATION_METHODS_SESSION_KEY, None)
    session.save()
    return client


def sign_in_to_admin(client, user):
    """Signs ``user`` in with the second factor that staff need, and reads the admin in English."""
    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    record_second_factor(client, user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context)


def assert_flat_queries(client, url, add_rows, *, most):
    """``url`` runs the same number of queries, at most ``most``, before and after ``add_rows()``."""
    client.get(url)  # fills the per-process caches (content types) so both counts start alike
    before = count_queries(client, url)
    add_rows()
    after = count_queries(client, url)
    assert after == before, f"{url}: {before} queries, then {after} once rows were added"
    assert before <= most, f"{url}: {before} queries, more than {most}"


def import_preview(client, url, content, name="import.csv"):
    """Posts a CSV file to the first (dry-run) step of an admin import; CSV is the first format."""
    upload = io.BytesIO(content.encode())
    upload.name = name
    return client.post(url, {"resource": "0", "format": "0", "import_file": upload})


def export(client, url, fmt, resource_class):
    """Posts the export form with every column ticked: ``fmt`` 0 is CSV, 1 is XLSX."""
    data = {"resource": "0", "format": str(fmt)}
    prefix = resource_class.__name__.lower()
    data.update({f"{prefix}_{name}": "on" for name in resource_class().get_export_order()})
    response = client.post(url, data)
    assert response.status_code == 200
    return response


def csv_header(response):
    return response.content.decode("utf-8-sig").splitlines()[0].split(",")


def xlsx_header(response):
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]


def assert_export_imports_back_unchanged(staff_client, admin, resource_class, rows):
    """The CSV export of ``admin`` ("app_model"), imported again, previews ``rows`` rows, each unchanged."""
    exported = export(staff_client, reverse(f"admin:{admin}_export"), 0, resource_class)
    preview = import_preview(staff_client, reverse(f"admin:{admin}_import"), exported.content.decode("utf-8-sig"))
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["skip"] * rows


def assert_export_columns(staff_client, admin, resource_class, header, row_text):
    """The CSV and XLSX exports of ``admin`` have ``header`` (comma-separated); the CSV holds ``row_text``."""
    url = reverse(f"admin:{admin}_export")
    csv = export(staff_client, url, 0, resource_class)
    assert csv_header(csv) == header.split(",")
    assert row_text in csv.content.decode()
    assert xlsx_header(export(staff_client, url, 1, resource_class)) == header.split(",")


def assert_members_are_sent_to_the_admin_login(client, member, admin):
    client.force_login(member)
    response = client.get(reverse(f"admin:{admin}_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def change_form_data(response):
    """The change form's own values, with empty inline formsets, ready to post back."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)
        value = form[name].value()
        if isinstance(field, forms.FileField):
            continue
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{name}_{index}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = 0 if name.endswith("FORMS") else 1000
    return data
