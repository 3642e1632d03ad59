"""Demo data for seed_demo (filled in by the intake work)."""


def seed_reference_data(stdout=None):
    pass


def seed_staff(stdout=None):
    pass


def seed_complaints(count: int, seed: int, stdout=None):
    pass
