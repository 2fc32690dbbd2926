//! `ReplicaError`: failures a handler turns into a Rails-like error page.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// What can go wrong while serving a replica page.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum ReplicaError {
    /// No such route or record (Rails' `ActiveRecord::RecordNotFound` → 404).
    #[error("The page you were looking for doesn't exist.")]
    NotFound,
    /// A state-changing request without CSRF token (Rails answers 422).
    #[error("ActionController::InvalidAuthenticityToken")]
    InvalidAuthenticityToken,
    /// A template failed to render: a bug in the replica's fixtures.
    #[error("template error: {0}")]
    Template(String),
}

impl IntoResponse for ReplicaError {
    fn into_response(self) -> Response {
        let status = match self {
            ReplicaError::NotFound => StatusCode::NOT_FOUND,
            ReplicaError::InvalidAuthenticityToken => StatusCode::UNPROCESSABLE_ENTITY,
            ReplicaError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if let ReplicaError::Template(e) = &self {
            tracing::error!(error = %e, "replica template failed");
        }
        let body = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{code}</title></head>\
             <body><main class=\"error-page\"><h1>{code}</h1><p>{msg}</p></main></body></html>",
            code = status.as_u16(),
            msg = html_escape(&self.to_string()),
        );
        (status, Html(body)).into_response()
    }
}

/// Minimal HTML escaping for text interpolated outside templates.
pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
