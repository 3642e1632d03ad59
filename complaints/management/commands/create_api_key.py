"""Create an Open311 API key; the key is printed once, as the last line of output."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from complaints.api.keys import issue_key
from complaints.api.models import Scope


class Command(BaseCommand):
    help = "Create an Open311 API key (scopes submit,read unless --scopes says otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who the key is for, e.g. '12345 hotline'")
        parser.add_argument("--scopes", default="submit,read", help="comma separated: submit,read")
        parser.add_argument("--rate-limit", type=int, default=1000, help="requests per minute")
        parser.add_argument("--owner", help="username of the responsible person")

    def handle(self, *args, name, scopes, rate_limit, owner, **options):
        wanted = [s.strip() for s in scopes.split(",") if s.strip()]
        unknown = set(wanted) - set(Scope.values)
        if unknown or not wanted:
            raise CommandError(f"unknown scopes: {', '.join(sorted(unknown)) or '(none given)'}")
        if rate_limit < 1:
            raise CommandError("--rate-limit must be at least 1")
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(f"no user named {owner}")
        api_key, raw = issue_key(name, owner=user, scopes=wanted, rate_limit_per_minute=rate_limit)
        self.stdout.write(
            f"API key #{api_key.pk} '{name}': scopes {','.join(wanted)}, "
            f"{rate_limit} requests/minute. Shown only now:"
        )
        self.stdout.write(raw)
