import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "commerce.order"

    def ready(self):
        super().ready()
        from commerce.order import receivers  # noqa: F401 - connects the signal receivers
