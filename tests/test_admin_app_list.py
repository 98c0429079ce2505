"""The sidebar's app list is kept per set of rights: each user sees what Django's own admin site would show them,
and a permission granted or withdrawn shows at once."""

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.utils import translation

from newsroom import admin_site


def djangos_app_list(request):
    """What Django's own site builds for this request, from the same registry."""
    return AdminSite.get_app_list(admin.site, request)


def listed(app_list):
    return [
        (str(app["name"]), [(str(m["name"]), m["admin_url"], m["add_url"], m["perms"]) for m in app["models"]])
        for app in app_list
    ]


def request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def fresh(user):
    """The user as the next request reads them (Django keeps permissions for the length of a request)."""
    return type(user).objects.get(pk=user.pk)


def test_each_user_sees_the_list_djangos_site_would_show_them(db, admin_user, editor, reporter, make_user):
    admin_site._app_dicts.clear()
    nobody = make_user("nadia")
    for user in (admin_user, editor, reporter, nobody, admin_user, editor):  # built, then kept
        request = request_for(fresh(user))
        assert listed(admin.site.get_app_list(request)) == listed(djangos_app_list(request)), user.username
    assert listed(admin.site.get_app_list(request_for(nobody))) == []
    assert len(admin_site._app_dicts) == 4


def test_a_permission_granted_shows_on_the_next_page(db, reporter):
    admin_site._app_dicts.clear()
    before = listed(admin.site.get_app_list(request_for(fresh(reporter))))
    assert "Relationships" not in str(before)
    reporter.user_permissions.add(Permission.objects.get(codename="view_relationship"))
    after = listed(admin.site.get_app_list(request_for(fresh(reporter))))
    assert "Relationships" in str(after) and after == listed(djangos_app_list(request_for(fresh(reporter))))


def test_a_list_changed_by_its_caller_leaves_the_next_one_whole(db, admin_user):
    first = admin.site.get_app_list(request_for(admin_user))
    first[0]["models"].clear()
    assert admin.site.get_app_list(request_for(admin_user))[0]["models"]


def test_the_list_is_in_the_readers_language(db, admin_user):
    english = listed(admin.site.get_app_list(request_for(admin_user)))
    with translation.override("de"):
        german = listed(admin.site.get_app_list(request_for(admin_user)))
        assert german == listed(djangos_app_list(request_for(admin_user)))
    assert ("Benutzer", "/admin/auth/user/") in [(name, url) for _, models in german for name, url, *_ in models]
    assert german != english
