package io.linewatch.quality.image;

/** The tensor a model takes for one image: channels (1 grey or 3 RGB), height and width. */
public record InputShape(int channels, int height, int width) {

    public InputShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        if (height < 8 || width < 8) {
            throw new IllegalArgumentException("input must be at least 8x8, was " + height + "x" + width);
        }
    }

    public int length() {
        return channels * height * width;
    }
}
