#include "io/messagetext.h"

#include <QRegularExpression>

namespace nightwatt {

namespace {

const QString kSecretWords = QStringLiteral("password|passwd|pass|pwd|token|secret|api[-_]?key|apikey|auth|authorization|bearer|"
                                            "credentials?|private[-_]?key|access[-_]?key");
// A credential's value as it stands in text: quoted, or up to the next separator.
const QString kValue = QStringLiteral("(?:'[^']*'|\"[^\"]*\"|[^\\s&;,'\"#]+)");

bool namesASecret(const QString &option)
{
    static const QRegularExpression pattern(QStringLiteral("^--?[\\w-]*(%1)[\\w-]*$").arg(kSecretWords),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(option).hasMatch();
}

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0)
        // Bidirectional overrides and isolates reorder what a terminal or a viewer shows.
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString escapeControls(QStringView text, bool keepLineBreaks)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!isControl(u) || (keepLineBreaks && (u == u'\n' || u == u'\t'))) {
            out += c;
        } else if (u < 0x100) {
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        } else {
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        }
    }
    return out;
}

// The first `chars` characters of `text`, never splitting a surrogate pair, and whether more followed.
QStringView head(QStringView text, qsizetype chars, bool *cut)
{
    *cut = text.size() > chars;
    if (!*cut)
        return text;
    if (text.at(chars - 1).isHighSurrogate())
        --chars;
    return text.first(chars);
}

} // namespace

QString redactSecrets(const QString &text, const QList<QByteArray> &secrets)
{
    static const QRegularExpression userInfo(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@"));
    static const QRegularExpression authorization(
        QStringLiteral("\\b((?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)(?:(?:basic|bearer|digest|token|negotiate)\\s+)?[^\\s,;\"'&]+"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression scheme(QStringLiteral("\\b(Basic|Bearer)\\s+[A-Za-z0-9+/._~-]{6,}=*"),
                                           QRegularExpression::CaseInsensitiveOption);
    // --password=x, api_key=x, ?token=x; a JSON "password": "x".
    static const QRegularExpression assignment(
        QStringLiteral("((?:^|(?<=[^\\w.-]))-{0,2}[\\w.-]*(?:%1)[\\w.-]*=)%2").arg(kSecretWords, kValue),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression optionColon(
        QStringLiteral("((?:^|(?<=[\\s'\"]))--?[\\w-]*(?:%1)[\\w-]*:)%2").arg(kSecretWords, kValue),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(
        QStringLiteral("((?:^|(?<=[\\s'\"]))[\\w-]*(?:token|api[-_]?key)[\\w-]*\\s*:\\s*)%1").arg(kValue),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jsonMember(
        QStringLiteral("(\"[\\w.-]*(?:%1)[\\w.-]*\"\\s*:\\s*)\"[^\"]*\"").arg(kSecretWords), QRegularExpression::CaseInsensitiveOption);
    QString out = text;
    for (const QByteArray &secret : secrets) {
        // Shorter ones would mask ordinary words.
        if (secret.size() >= 3)
            out.replace(QString::fromUtf8(secret), QStringLiteral("***"));
    }
    out.replace(userInfo, QStringLiteral("\\1***@"));
    out.replace(authorization, QStringLiteral("\\1***"));
    out.replace(scheme, QStringLiteral("\\1 ***"));
    out.replace(jsonMember, QStringLiteral("\\1\"***\""));
    out.replace(assignment, QStringLiteral("\\1***"));
    out.replace(optionColon, QStringLiteral("\\1***"));
    out.replace(header, QStringLiteral("\\1***"));
    return out;
}

QString quoteArgumentForDisplay(const QString &argument)
{
    static const QRegularExpression plain(QStringLiteral("^[\\w@%+=:,./-]+$"));
    if (!argument.isEmpty() && plain.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString describeCommandLine(const QStringList &argv)
{
    QStringList shown;
    bool hideNext = false;
    for (const QString &argument : argv) {
        if (hideNext) {
            shown.append(QStringLiteral("***"));
            hideNext = false;
            continue;
        }
        // "--password SECRET": the option alone says the next argument is the secret.
        hideNext = namesASecret(argument);
        shown.append(quoteArgumentForDisplay(redactSecrets(argument)));
    }
    return escapeControls(shown.join(QLatin1Char(' ')), false);
}

QString inputExcerpt(QStringView text)
{
    bool cut = false;
    const QStringView shown = head(text, kQuotedInputChars, &cut);
    QString out = escapeControls(redactSecrets(shown.toString()), false);
    if (cut)
        out += QChar(0x2026);
    return out;
}

QString quoteInput(QStringView text)
{
    return u'"' + inputExcerpt(text.trimmed()) + u'"';
}

QString quoteInput(QByteArrayView utf8)
{
    // A UTF-8 character is at most four bytes: decoding a little more than that many is enough to
    // know whether the text goes on.
    constexpr qsizetype kBytes = 4 * kQuotedInputChars + 4;
    utf8 = utf8.trimmed();
    const QString decoded = QString::fromUtf8(utf8.first(std::min(utf8.size(), kBytes)));
    if (utf8.size() > kBytes && decoded.size() <= kQuotedInputChars)
        return quoteInput(QStringView(decoded)).chopped(1) + QChar(0x2026) + u'"';
    return quoteInput(QStringView(decoded));
}

QString safeMessage(QStringView message, const QList<QByteArray> &secrets)
{
    bool cut = false;
    const QStringView shown = head(message, kMaxMessageChars, &cut);
    QString out = escapeControls(redactSecrets(shown.toString(), secrets), true);
    if (cut)
        out += QChar(0x2026);
    return out;
}

} // namespace nightwatt
