"""Backups of the shop (README "Backups and restore"): django-dbbackup's commands for the
database and the media, with a manifest of what each backup holds, a retention policy, and the
restore and verification behind `manage.py backup`, `restore` and `verify_backup`."""
