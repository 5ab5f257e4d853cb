from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access

from credentials import views as credential_views
from digital_lm import converters  # noqa: F401 (registers <row_id:>)
from digital_lm.health import health
from digital_lm.logins import counted_password_form
from discovery.api import api as discovery_api
from discovery.api import api_docs_asset
from discovery.views import search_page
from filetext.views import search_in_material
from resources.editorial.visibility import ChosenVisiblePagesView, VisiblePageTypesUsageView
from resources.views import compare, standards_browser

urlpatterns = [
    # For the load balancer and monitoring: no language prefix, no session, never cached.
    path("health/", health, name="health"),
    # Wagtail's own views at these addresses name other institutions' drafts (they ask no hook);
    # these answer with the pages the user may see.
    path(
        "admin/choose-page/chosen-multiple/",
        require_admin_access(ChosenVisiblePagesView.as_view()),
    ),
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(VisiblePageTypesUsageView.as_view()),
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(VisiblePageTypesUsageView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Teaching-material files (documents/), course bundles and previews (downloads/): privacy,
    # resumable downloads and statistics (the downloads app).
    path("", include("downloads.urls")),
    # The public discovery API: one address for every language (the language is a parameter).
    path("api/discovery/docs/assets/<str:name>", api_docs_asset, name="discovery_api_asset"),
    path("api/discovery/", discovery_api.urls),
    # Permanent links: one address per resource (and per translation) for every language,
    # whatever moves and renames happen; and the citation of each translation.
    path("", include("resources.permalinks")),
    # What partner systems harvest and read: OAI-PMH, the content API, sitemaps and feeds.
    path("", include("interop.urls")),
    # Verifiable certificates: issuers' DID documents and status lists, the signed JSON, the
    # verification API.
    path("", include("credentials.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path

    from downloads.media import serve_media

    urlpatterns += staticfiles_urlpatterns()
    # Images and renditions; documents only through the download view above.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media)]

# Every public page lives under its language prefix (/zh-hans/, /lo/, ...). A bare "/" is
# redirected by LocaleMiddleware to the visitor's browser language, else zh-hans.
urlpatterns += i18n_patterns(
    # Before Wagtail's catch-all, which would otherwise look for a page with slug "search".
    path("search/", search_page, name="discovery_search"),
    path("search/material/<row_id:page_id>/", search_in_material, name="search_in_material"),
    path("compare/", compare, name="compare"),
    path("standards/", standards_browser, name="standards_browser"),
    path("verify/", credential_views.verify_page, name="verify_page"),
    # Tokens are URL-safe base64 (slug characters): "<token>.json" is no page's address, so a
    # wrong JSON link is not redirected to one (LocaleMiddleware's 404 redirect).
    path("credentials/<slug:token>/", credential_views.credential_page, name="credential_page"),
    path(
        "credentials/<slug:token>/certificate.pdf",
        credential_views.credential_pdf,
        name="credential_pdf",
    ),
    # Wagtail's password form of a private page, with wrong passwords counted (as Wagtail's).
    path(
        "_util/authenticate_with_password/<row_id:page_view_restriction_id>/<row_id:page_id>/",
        counted_password_form(wagtail_views.authenticate_with_password, "page_view_restriction_id"),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
