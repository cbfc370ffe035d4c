from oscar.apps.partner.models import *  # noqa: F403 - Oscar fork pattern; strategy.py is what we change
