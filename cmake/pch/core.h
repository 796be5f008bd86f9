// Precompiled for every QtCore-only target (the core library, its tests, the command line).
// Parsing Qt's headers was most of each file's compile time; these are the ones most files use.
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>
