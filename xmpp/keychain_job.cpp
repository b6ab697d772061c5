#include "xmpp/keychain_job.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <QtGlobal>

#ifdef MPENC_HAVE_QTKEYCHAIN
#if QT_VERSION_MAJOR >= 6
#include <qt6keychain/keychain.h>
#else
#include <qt5keychain/keychain.h>
#endif
#endif

namespace mpenc::xmpp {

bool keychainAllowed(bool wanted) {
#ifdef MPENC_HAVE_QTKEYCHAIN
  const QString env = qEnvironmentVariable("MPENC_NO_KEYCHAIN");
  const bool disabledByEnv = !env.isEmpty() && env != QStringLiteral("0");
  return wanted && !disabledByEnv;
#else
  Q_UNUSED(wanted)
  return false;
#endif
}

#ifdef MPENC_HAVE_QTKEYCHAIN
namespace {
constexpr int kKeychainTimeoutMs = 5000;
}  // namespace

KeychainResult runKeychainJob(QKeychain::Job* job, bool wantData) {
  KeychainResult result;
  if (QCoreApplication::instance() == nullptr) {
    delete job;
    result.status = KeychainResult::Status::Unavailable;
    result.message = QStringLiteral("no application object");
    return result;
  }
  job->setAutoDelete(false);
  job->setInsecureFallback(false);  // never QtKeychain's plaintext QSettings fallback
  QEventLoop loop;
  bool finished = false;
  QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job* j) {
    finished = true;
    switch (j->error()) {
      case QKeychain::NoError:
        result.status = KeychainResult::Status::Ok;
        if (wantData) {
          if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(j)) {
            const QByteArray shared = read->binaryData();
            result.data = QByteArray(shared.constData(), shared.size());  // ours alone, so it can be wiped
          }
        }
        break;
      case QKeychain::EntryNotFound:
        result.status = KeychainResult::Status::NotFound;
        break;
      case QKeychain::AccessDenied:
      case QKeychain::AccessDeniedByUser:
        result.status = KeychainResult::Status::Denied;
        break;
      default:  // NoBackendAvailable, NotImplemented, OtherError (e.g. no D-Bus session)
        result.status = KeychainResult::Status::Unavailable;
        break;
    }
    result.message = j->errorString();
    loop.quit();
  });
  QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
  job->start();
  if (!finished) loop.exec(QEventLoop::ExcludeUserInputEvents);
  QObject::disconnect(job, nullptr, &loop, nullptr);
  if (finished) {
    job->deleteLater();
  } else {
    job->setAutoDelete(true);  // deletes itself whenever it finishes
    result.status = KeychainResult::Status::TimedOut;
    result.message =
        QStringLiteral("no answer within %1 s; is it waiting to be unlocked?").arg(kKeychainTimeoutMs / 1000);
  }
  return result;
}
#endif

}  // namespace mpenc::xmpp
