"""Staff see only what their group allows (design.md "One staff login")."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.staff_groups import AFTER_SALES, EDITORS, ORDER_MANAGERS

Partner = get_model("partner", "Partner")


def staff_member(group_name, email):
    user = get_user_model().objects.create_user(email=email, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.django_db
def test_order_manager_reaches_orders_from_the_wagtail_menu(client):
    manager = staff_member(ORDER_MANAGERS, "orders@winkelier.test")
    Partner.objects.create(name="Winkelier").users.add(manager)
    client.force_login(manager)
    admin_home = client.get("/admin/").content.decode()
    assert "Bestellingen en voorraad" in admin_home
    assert client.get("/dashboard/orders/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", [EDITORS, AFTER_SALES])
def test_editors_and_after_sales_cannot_open_the_order_dashboard(client, group_name):
    client.force_login(staff_member(group_name, "iemand@winkelier.test"))
    assert "Bestellingen en voorraad" not in client.get("/admin/").content.decode()
    response = client.get("/dashboard/orders/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#1d5c4d").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
@pytest.mark.rule("S6")
def test_s6_editor_uploads_an_image_with_its_licence(client):
    client.force_login(staff_member(EDITORS, "redacteur@winkelier.test"))
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Chocolade close-up",
            "file": png_upload(),
            "collection": Collection.get_first_root_node().pk,
            "licence_type": "purchased",
            "creator": "Fotostudio Noord",
            "credit_line": "Foto: Fotostudio Noord",
            "source_url": "https://fotostudio.example/chocolade",
            "licence_proof_url": "https://fotostudio.example/licentie/123",
            "licence_expires_on": "2027-06-30",
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Chocolade close-up")
    assert (image.licence_type, image.creator, str(image.licence_expires_on)) == (
        "purchased",
        "Fotostudio Noord",
        "2027-06-30",
    )
