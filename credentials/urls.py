"""The credentials app's addresses without a language: what machines read (issuers' DID
documents, status lists, the signed JSON, the QR code, the verification API)."""

from django.urls import path

from credentials import views

urlpatterns = [
    path(
        "credentials/issuers/<slug:slug>/did.json", views.issuer_did, name="credential_issuer_did"
    ),
    path(
        "credentials/issuers/<slug:slug>/status/<int:number>",
        views.status_list,
        name="credential_status_list",
    ),
    path("credentials/<slug:token>.json", views.credential_json, name="credential_json"),
    path("credentials/<slug:token>/qr.svg", views.credential_qr, name="credential_qr"),
    path("api/credentials/verify", views.verify_api, name="credential_verify_api"),
]
