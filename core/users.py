"""The newsroom's staff as the code speaks of them: the name a reader sees, and what an admin user may do."""


def display_name(user):
    """The name shown for a user everywhere (bylines, history, the admin's byline picker): full name, else username."""
    return user.get_full_name() or user.get_username()


def staff_has_perm(user, perm):
    """An active staff member holding the permission: the only kind of user who may act on stories."""
    return user.is_active and user.is_staff and user.has_perm(perm)
