// Build-time host tool: renders resources/mpenc-chat.svg into the hicolor PNG
// sizes with QSvgRenderer, and checks PNGs (the icon test).
//
//   render_icons render SVG OUTDIR SIZE...   writes OUTDIR/<N>x<N>/apps/mpenc-chat.png
//   render_icons check  DIR SIZE...          each PNG has the size and is not blank
//
// No QGuiApplication: painting an SVG without text into a QImage needs none.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QString>
#include <QSvgRenderer>
#include <cstdio>
#include <cstring>

namespace {

QString pngPath(const QString& dir, int size) {
  return QStringLiteral("%1/%2x%2/apps/mpenc-chat.png").arg(dir).arg(size);
}

bool render(const QString& svg, const QString& outDir, int size) {
  QSvgRenderer renderer(svg);
  if (!renderer.isValid()) {
    std::fprintf(stderr, "render_icons: %s is not a valid SVG\n", qPrintable(svg));
    return false;
  }
  QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
  }
  const QString path = pngPath(outDir, size);
  if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !image.save(path, "PNG")) {
    std::fprintf(stderr, "render_icons: cannot write %s\n", qPrintable(path));
    return false;
  }
  return true;
}

//! The icon is a green speech bubble with a white lock on a transparent square:
//! a real rendering has transparent corners, a large opaque part and several colours.
bool check(const QString& dir, int size) {
  const QString path = pngPath(dir, size);
  const QImage raw(path);
  if (raw.isNull()) {
    std::fprintf(stderr, "%s: missing or not a PNG\n", qPrintable(path));
    return false;
  }
  if (raw.width() != size || raw.height() != size) {
    std::fprintf(stderr, "%s: %dx%d, expected %dx%d\n", qPrintable(path), raw.width(), raw.height(), size,
                 size);
    return false;
  }
  const QImage image = raw.convertToFormat(QImage::Format_ARGB32);
  int opaque = 0;
  QSet<QRgb> colours;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const QRgb p = image.pixel(x, y);
      if (qAlpha(p) > 200) ++opaque;
      colours.insert(p);
    }
  }
  const double coverage = static_cast<double>(opaque) / (size * size);
  const bool cornerClear = qAlpha(image.pixel(0, 0)) == 0;
  std::printf("%s: %dx%d, %.0f%% opaque, %d colours\n", qPrintable(path), size, size, coverage * 100,
              static_cast<int>(colours.size()));
  if (coverage < 0.3 || coverage > 0.95 || colours.size() < 3 || !cornerClear) {
    std::fprintf(stderr, "%s: looks blank or wrong (coverage %.2f, %d colours, corner alpha %d)\n",
                 qPrintable(path), coverage, static_cast<int>(colours.size()), qAlpha(image.pixel(0, 0)));
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char* argv[]) {
  const bool doRender = argc >= 5 && std::strcmp(argv[1], "render") == 0;
  const bool doCheck = argc >= 4 && std::strcmp(argv[1], "check") == 0;
  if (!doRender && !doCheck) {
    std::fputs("usage: render_icons render SVG OUTDIR SIZE... | render_icons check DIR SIZE...\n", stderr);
    return 2;
  }
  const int firstSize = doRender ? 4 : 3;
  const QString dir = QString::fromLocal8Bit(argv[doRender ? 3 : 2]);
  bool ok = true;
  for (int i = firstSize; i < argc; ++i) {
    const int size = QString::fromLatin1(argv[i]).toInt();
    if (size <= 0) {
      std::fprintf(stderr, "render_icons: bad size '%s'\n", argv[i]);
      return 2;
    }
    ok = (doRender ? render(QString::fromLocal8Bit(argv[2]), dir, size) : check(dir, size)) && ok;
  }
  return ok ? 0 : 1;
}
