// Precompiled for the core and command-line tests.
#pragma once
#include "core.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
