import pytest


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        email="staff@example.org", password="staff-password", is_staff=True, first_name="Hanako", last_name="Sato"
    )
