from oscar.apps.analytics.models import *  # noqa: F403 - Oscar's fork convention: the models stay Oscar's
