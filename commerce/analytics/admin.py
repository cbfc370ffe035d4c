from oscar.apps.analytics.admin import *  # noqa: F403 - Oscar's admin registrations for these models
