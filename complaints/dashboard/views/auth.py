"""Sign-in for bureau staff, who need not be Wagtail editors (is_staff is not required)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class StaffLoginView(auth_views.LoginView):
    template_name = "complaints/dashboard/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("dashboard:queue")


class StaffLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("dashboard:login")
