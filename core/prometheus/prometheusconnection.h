#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkRequest;

namespace nightwatt {

// Where a Prometheus-compatible API lives and how to authenticate to it. Secrets stay in memory
// only: they are read from a file or an environment variable, never from settings, and no
// message built from a connection contains them.
struct PrometheusConnection
{
    static constexpr int kDefaultTimeoutMs = 30000;

    QUrl baseUrl;            // http(s)://host:port[/prefix]; the API is under baseUrl + /api/v1/
    QString basicUser;       // basic auth when not empty
    QByteArray basicPassword;
    QByteArray bearerToken;  // Authorization: Bearer ... when not empty (takes precedence over basic)
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, e.g. X-Scope-OrgID for Mimir tenants
    QString caFile;          // PEM file of extra trusted CAs for a private TLS server
    int timeoutMs = kDefaultTimeoutMs; // per request, without any transferred byte

    bool hasCredentials() const { return !bearerToken.isEmpty() || !basicUser.isEmpty(); }

    // The base URL a person may see: no user info, no query.
    QString displayUrl() const;
    // `text` with every secret of this connection masked, for server messages that might echo one.
    QString redact(const QString &text) const;
    using Parameters = QList<QPair<QString, QString>>;
    // A GET request to `apiPath` (e.g. "/api/v1/query_range") with auth, headers, timeout and CA.
    // Parameters are percent-encoded here (PromQL holds '+', '&', '#'). Sets `error` when the CA
    // file cannot be used.
    QNetworkRequest request(const QString &apiPath, const Parameters &parameters, QString *error) const;
};

// Reads a secret (token, password) from a file, trimming the trailing newline editors add.
// The error names the file, never its content.
QByteArray readSecretFile(const QString &path, QString *error);

} // namespace nightwatt
