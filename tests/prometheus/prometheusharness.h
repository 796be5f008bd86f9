#pragma once

// A real Prometheus on loopback for tests: backfills OpenMetrics text with promtool, starts the
// server on a port it picks itself (read back from its log), and stops it. Header-only so the
// core and the command-line tests share it.

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace testing {

class PrometheusServer
{
public:
    ~PrometheusServer() { stop(); }

    // dataDir: a TSDB directory of its own (the server writes into it).
    bool start(const QString &dataDir, const QStringList &extraArguments, QString *error)
    {
        const QString config = dataDir + QStringLiteral("-prometheus.yml");
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly) || file.write("global:\n  scrape_interval: 15s\n") < 0) {
            *error = QStringLiteral("cannot write ") + config;
            return false;
        }
        file.close();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        // Retention counts from the newest block, so old backfilled data needs a long one.
        m_process->start(QStringLiteral("prometheus"),
                         QStringList{QStringLiteral("--config.file=") + config, QStringLiteral("--storage.tsdb.path=") + dataDir,
                                     QStringLiteral("--web.listen-address=127.0.0.1:0"),
                                     QStringLiteral("--storage.tsdb.retention.time=100y"), QStringLiteral("--log.level=info")}
                             + extraArguments);
        if (!m_process->waitForStarted(10000)) {
            *error = QStringLiteral("prometheus did not start: ") + m_process->errorString();
            return false;
        }
        static const QRegularExpression listening(QStringLiteral("Listening on\"? address=127\\.0\\.0\\.1:(\\d+)"));
        QByteArray log;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000) {
            if (!m_process->waitForReadyRead(200) && m_process->state() != QProcess::Running)
                break;
            log += m_process->readAll();
            const QString text = QString::fromUtf8(log);
            if (m_port == 0) {
                const auto match = listening.match(text);
                if (match.hasMatch())
                    m_port = match.captured(1).toInt();
            }
            if (m_port != 0 && text.contains(QLatin1String("Server is ready to receive web requests")))
                return true;
        }
        *error = QStringLiteral("prometheus did not become ready:\n") + QString::fromUtf8(log.right(2000));
        stop();
        return false;
    }

    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000))
                kill();
        }
        m_process.reset();
    }

    int port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

private:
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
};

inline bool prometheusInstalled()
{
    return !QStandardPaths::findExecutable(QStringLiteral("prometheus")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty();
}

// Writes OpenMetrics text and turns it into TSDB blocks in `blocksDir`.
inline bool backfill(const QByteArray &openMetrics, const QString &workDir, const QString &blocksDir, QString *error)
{
    const QString source = workDir + QStringLiteral("/data.om");
    QFile file(source);
    if (!file.open(QIODevice::WriteOnly) || file.write(openMetrics) != openMetrics.size()) {
        *error = QStringLiteral("cannot write ") + source;
        return false;
    }
    file.close();
    QDir().mkpath(blocksDir);
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(QStringLiteral("promtool"), {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"), QStringLiteral("openmetrics"),
                                                QStringLiteral("-q"), QStringLiteral("--max-block-duration=24h"), source, blocksDir});
    if (!promtool.waitForFinished(60000) || promtool.exitStatus() != QProcess::NormalExit || promtool.exitCode() != 0) {
        *error = QStringLiteral("promtool failed: ") + QString::fromUtf8(promtool.readAll());
        return false;
    }
    return true;
}

// Each server needs its own copy: Prometheus writes its WAL and lock into the data directory.
inline bool copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + source.relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            if (!QDir().mkpath(target))
                return false;
        } else if (!QFile::copy(path, target)) {
            return false;
        }
    }
    return true;
}

} // namespace testing
