#include "numberoption.h"

#include <QRegularExpression>

namespace nightwatt::cli {

namespace {

const QString kNumber = QStringLiteral("a number");

std::optional<double> readNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

std::optional<double> numberInRange(const QString &option, const QString &text, NumberRange range, QString *error)
{
    return checkOptionRange(option, text, readNumber(text), range, kNumber, QString(), error);
}

std::optional<double> numberOption(const QCommandLineParser &parser, const QString &option, NumberRange range, QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    return numberInRange(option, parser.value(option), range, error);
}

std::optional<qint64> wholeNumberOption(const QCommandLineParser &parser, const QString &option, NumberRange range, QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    const QString text = parser.value(option);
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!checkOptionRange(option, text, ok ? std::optional<double>(double(value)) : std::nullopt, range, QStringLiteral("a whole number"), QString(), error))
        return std::nullopt;
    return value;
}

std::optional<QSize> sizeOption(const QCommandLineParser &parser, const QString &option, NumberRange sideRange, QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    const QString text = parser.value(option);
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,9})\\s*[xX×]\\s*(\\d{1,9})\\s*$"));
    const auto match = pattern.match(text);
    const auto side = [&](int which) { return match.hasMatch() ? std::optional<double>(match.captured(which).toDouble()) : std::nullopt; };
    const QString what = QStringLiteral("WxH in pixels, each side");
    if (!checkOptionRange(option, text, side(1), sideRange, what, QString(), error) || !checkOptionRange(option, text, side(2), sideRange, what, QString(), error))
        return std::nullopt;
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

} // namespace nightwatt::cli
