default_app_config = 'commerce.catalogue.apps.CatalogueConfig'
