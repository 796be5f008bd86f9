#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
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
    int timeoutMs = kDefaultTimeoutMs; // deadline for a whole request, however slowly the server answers

    bool hasCredentials() const { return !bearerToken.isEmpty() || !basicUser.isEmpty(); }

    // The base URL a person may see: no user info, no query.
    QString displayUrl() const;
    // What this connection must never show: token, password, the Basic-auth pair as it goes over
    // the wire, header values.
    QList<QByteArray> secrets() const;
    // `text` with every secret of this connection masked, for server messages that might echo one.
    QString redact(const QString &text) const;
    using Parameters = QList<QPair<QString, QString>>;
    // A GET request to `apiPath` (e.g. "/api/v1/query_range") with auth, headers and CA.
    // Parameters are percent-encoded here (PromQL holds '+', '&', '#'). Sets `error` when the CA
    // file cannot be used.
    QNetworkRequest request(const QString &apiPath, const Parameters &parameters, QString *error) const;
    // Sends that request. The reply is aborted when the deadline (timeoutMs) passes, and when the
    // server redirects to another origin (scheme, host, port): the credentials and headers are
    // meant for this server only. readPrometheusReply() says which happened. Returns null and sets
    // `error` when the request cannot be made.
    QNetworkReply *get(QNetworkAccessManager &network, const QString &apiPath, const Parameters &parameters, QString *error) const;
};

// Why get() aborted a reply, for readPrometheusReply(): reply properties.
inline constexpr char kPrometheusDeadlineProperty[] = "nightwattDeadlinePassed";
inline constexpr char kPrometheusRefusedRedirectProperty[] = "nightwattRefusedRedirect";

// Reads a secret (token, password) from a file, trimming the trailing newline editors add.
// The error names the file, never its content.
QByteArray readSecretFile(const QString &path, QString *error);

} // namespace nightwatt
