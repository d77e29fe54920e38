"""A login or password PostgreSQL cannot even be asked about (a NUL character, a lone surrogate) is a failed login,
not an internal error: /web/login answered 500 for ``login=a%00b`` (the login is looked up, and recorded by
auth_brute_force, in SQL)."""
from odoo import models

from ..engines import text_input


def _unusable(*texts):
    return any(isinstance(text, str) and text_input.text_fault(text) for text in texts)


class ResUsers(models.Model):
    _inherit = "res.users"

    @classmethod
    def _login(cls, db, login, password):
        if _unusable(login, password):
            return False
        return super(ResUsers, cls)._login(db, login, password)

    @classmethod
    def authenticate(cls, db, login, password, user_agent_env):
        if _unusable(login, password):
            return False
        return super(ResUsers, cls).authenticate(db, login, password, user_agent_env)
