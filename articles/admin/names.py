"""Names in bylines: a staff member without a name would publish as their username ("By rep1"), so they are asked to
set one, and may do it themselves on a small "Your name" screen (changing user accounts stays an administrator's)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def has_name(user):
    return bool(user.get_full_name().strip())


def name_url(user, *, request):
    """Where this user's name can be set by whoever is looking: their own "Your name" screen, the user's change page
    for those allowed to change accounts, else nowhere (None: ask an administrator)."""
    back = request.get_full_path()
    if user.pk == request.user.pk:
        return f"{reverse('admin:articles_article_your_name')}?next={back}"
    if request.user.has_perm("auth.change_user"):
        return reverse("admin:auth_user_change", args=[user.pk])
    return None


def nameless_bylines(request, authors):
    """[(user, where to set their name)] for each byline that would show a username to readers."""
    return [(user, name_url(user, request=request)) for user in authors if not has_name(user)]


class YourNameForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True

    def clean(self):
        cleaned = super().clean()
        if not " ".join(cleaned.get(name, "") for name in self.fields).strip():
            raise forms.ValidationError("Give the name readers should see in your byline.")
        return cleaned


def your_name_view(admin_site, request):
    """Any staff member sets the name their byline shows; they come back to where they were."""
    form = YourNameForm(request.POST or None, instance=request.user)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved: your byline now reads “By {request.user.get_full_name()}”.")
        return HttpResponseRedirect(back or reverse("admin:index"))
    context = {**admin_site.each_context(request), "title": "Your name", "form": form, "next": back}
    return TemplateResponse(request, "admin/articles/your_name.html", context)
