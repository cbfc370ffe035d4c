import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "commerce.catalogue"

    def ready(self):
        super().ready()
        # Product views are counted in memory and written in batches (no writes in requests).
        from commerce.catalogue.view_counts import replace_oscar_receiver

        replace_oscar_receiver()
