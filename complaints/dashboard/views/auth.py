"""Sign-in for bureau staff, who need not be Wagtail editors (is_staff is not required)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy

from complaints import permissions
from complaints.services.phone_intake import can_record_calls


class StaffLoginView(auth_views.LoginView):
    template_name = "complaints/dashboard/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("dashboard:queue")

    def get_default_redirect_url(self):
        # A hotline operator works for no bureau: the queue would refuse them, the call form not.
        user = self.request.user
        if not permissions.is_staff_member(user) and can_record_calls(user):
            return reverse("dashboard:call_new")
        return super().get_default_redirect_url()


class StaffLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("dashboard:login")
