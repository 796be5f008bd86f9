#pragma once

#include "io/loadedlog.h"
#include "io/logloader.h"
#include "library/libraryconnection.h"
#include "scenario/scenario.h"
#include "trace/trace.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QSqlQuery;

namespace nightwatt {

enum class RunKind { Imported, Captured };
// Complete: imported, or a capture that finished. Capturing: a capture still writing (its program
// holds the lock). Interrupted: a capture that stopped without finishing; it keeps what it wrote.
enum class RunStatus { Complete, Capturing, Interrupted };

QString runKindName(RunKind kind);
QString runStatusName(RunStatus status);

// One run as the library lists it: enough for a table, without its samples.
struct RunInfo
{
    qint64 id = 0;
    QString name;
    RunKind kind = RunKind::Imported;
    RunStatus status = RunStatus::Complete;
    QDateTime created; // when it was imported or its capture started, UTC
    QString sourcePath;
    QString contentSha256; // of the imported file, hex; empty for captures
    QString formatId;
    TimingKind timing = TimingKind::None;
    QDateTime clockAtZero;
    qint64 samples = 0;
    std::optional<double> durationS;
    std::optional<double> energyWh; // total energy, as `summary` reports it
    qint64 issueCount = 0;
};

// A named set of assumptions, tied to a run or (runId empty) to a typed power.
struct SavedScenario
{
    qint64 id = 0;
    QString name;
    std::optional<qint64> runId;
    ScenarioInputs inputs;
    QDateTime created;
    QDateTime modified;
};

struct ImportResult
{
    qint64 runId = 0;           // 0 when nothing was imported
    bool alreadyPresent = false; // the same bytes were imported before: runId is that run
    QString error;              // why the file was refused (LogLoader's message, or the library's)
    qint64 errorLine = 0;
    bool ok() const { return runId != 0; }
};

// The runs and scenarios kept in a library file (SQLite, see LibraryConnection). Calls are
// synchronous on the calling thread's own connection: the dashboard calls them from a worker
// thread (one RunLibrary per thread), never from the GUI thread.
class RunLibrary
{
public:
    bool open(const QString &path = LibraryConnection::defaultPath(), const LibraryOptions &options = {});
    bool isOpen() const { return m_connection.isOpen(); }
    QString path() const { return m_connection.path(); }
    // The last failure, as a sentence (the CLI prefixes it with the library's path).
    QString errorString() const { return m_error; }
    // Whether runs and scenarios can be stored (see LibraryConnection::isReadOnly()); when not,
    // errorString() says why. Every call that writes checks it.
    bool canWrite();

    // Reads, hashes (SHA-256) and stores a log file; the same bytes are stored only once.
    ImportResult importFile(const QString &path, const LoadOptions &options = {});
    // Stores an already loaded log; `contentSha256` is the hex hash of its bytes (may be empty).
    // Same bytes, same run, whichever program stores them first: a hash already in the library
    // answers with that run's id (and sets `alreadyPresent`) instead of storing a copy.
    std::optional<qint64> importLog(const LoadedLog &log, const QString &contentSha256, const QString &name = {},
                                    bool *alreadyPresent = nullptr);

    QList<RunInfo> runs();
    std::optional<RunInfo> run(qint64 id);
    std::optional<qint64> findByContent(const QString &contentSha256);
    bool renameRun(qint64 id, const QString &name);
    bool deleteRun(qint64 id); // with its samples and scenarios
    // The run as its file loaded (path is "run:ID"); `error` is set when it cannot be read.
    LoadedLog loadRun(qint64 id);

    std::optional<qint64> saveScenario(const QString &name, std::optional<qint64> runId, const ScenarioInputs &inputs);
    bool updateScenario(qint64 id, const QString &name, const ScenarioInputs &inputs);
    bool deleteScenario(qint64 id);
    std::optional<SavedScenario> scenario(qint64 id);
    // The scenarios of one run, or with no runId those of a typed power; oldest first.
    QList<SavedScenario> scenarios(std::optional<qint64> runId);

    static QString hashFile(const QString &path, QString *error);

private:
    bool ensureOpen();
    bool queryFailed(const QSqlQuery &query);

    LibraryConnection m_connection;
    QString m_error;
};

} // namespace nightwatt
