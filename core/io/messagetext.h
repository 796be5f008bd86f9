#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace nightwatt {

// Text that came from outside (a log cell, a sampler's output, a server's answer, a command line)
// reaches a terminal, a JSON summary and the run library only through these functions, so a
// secret, a terminal escape sequence or a megabyte of garbage in it never goes further.

// How many characters of an input text a message shows.
inline constexpr qsizetype kQuotedInputChars = 120;
// A whole message is cut here, whatever built it.
inline constexpr qsizetype kMaxMessageChars = 4000;

// An excerpt of input text for a message, trimmed and in double quotes: at most kQuotedInputChars characters
// and then "…", control characters shown escaped (ESC as \x1b), credentials replaced by "***".
// Only the bytes shown are decoded, so a huge field costs nothing.
QString quoteInput(QByteArrayView utf8);
QString quoteInput(QStringView text);
// The same excerpt without the quotes, for text shown after a colon.
QString inputExcerpt(QStringView text);

// What every printed message, status line and stored row goes through: credentials (each of
// `secrets`, and anything that looks like one) replaced by "***", control
// characters other than newline and tab escaped, and the whole cut at kMaxMessageChars.
QString safeMessage(QStringView message, const QList<QByteArray> &secrets = {});

// Only the credential part of safeMessage(): URL user:password@, --password=..., api_key=...,
// Authorization headers and Bearer/Basic credentials, and each of `secrets` verbatim.
QString redactSecrets(const QString &text, const QList<QByteArray> &secrets = {});

// A command line as a person may see and as the run library keeps it: each argument redacted and
// quoted for a shell, and the argument after an option that names a secret ("--password SECRET")
// replaced by "***".
QString describeCommandLine(const QStringList &argv);
// One argument as a person would retype it in a shell ('two words'). Only for showing: nothing
// Nightwatt runs ever goes through a shell.
QString quoteArgumentForDisplay(const QString &argument);

} // namespace nightwatt
