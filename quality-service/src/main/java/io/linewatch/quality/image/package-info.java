/**
 * Image intake: safe decoding of PNG, JPEG and BMP with a pixel limit checked from the header
 * before any pixel is decoded, and the conversion of a decoded image to a model's input contract
 * (channels, size with aspect kept and padding, normalisation).
 */
package io.linewatch.quality.image;
