from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "commerce.users"
    label = "users"
    verbose_name = "Users"
