#pragma once
// Image bytes from a message or a web server decoded without trusting them:
// a few hundred bytes of PNG can claim a canvas of gigabytes.

#include <QByteArray>
#include <QImage>

namespace cachet::ui {

// Larger images are scaled down to fit this side while decoding.
inline constexpr int kMaxImageSide = 2048;
// An image claiming more pixels than this is not decoded at all (the formats
// that cannot scale while decoding would allocate all of it first).
inline constexpr qint64 kMaxImagePixels = 64LL * 1024 * 1024;

// A null image when the bytes are not an image or too large.
QImage decodeBoundedImage(const QByteArray& bytes);

} // namespace cachet::ui
