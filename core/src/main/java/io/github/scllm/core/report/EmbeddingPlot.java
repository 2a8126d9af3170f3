package io.github.scllm.core.report;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import javax.imageio.ImageIO;

/**
 * PNG pictures of cell vectors: a 2-D {@link Umap} layout drawn as a scatter plot, one colour per label, with a
 * legend that lists every label and its number of points. Drawn with Java2D (works headless; needs a font, which
 * Debian-based systems get with fontconfig and fonts-dejavu-core). Files are written atomically: a temporary file
 * beside the target, then a rename, so a reader never sees a half-written picture.
 *
 * <p>Colours follow the legend order (labels sorted by name): the first 20 come from a fixed palette, further ones
 * from evenly spread hues. A missing (null) label is shown as {@value #MISSING_LABEL} in grey.
 */
public final class EmbeddingPlot {
    /** Picture width in pixels. */
    public static final int WIDTH = 1200;
    /** Picture height in pixels. */
    public static final int HEIGHT = 900;
    /** Most points laid out and drawn; larger inputs are subsampled with the seed. */
    public static final int MAX_POINTS = 10_000;
    /** Most labels listed in the legend; the rest are summed up in one line. */
    public static final int MAX_LEGEND_ENTRIES = 40;
    /** Legend text of a null label. */
    public static final String MISSING_LABEL = "(no label)";

    static final int LEGEND_X = 900;
    static final int LEGEND_TOP = 80;
    static final int LEGEND_ROW = 20;
    static final int SWATCH = 14;
    private static final int PLOT_LEFT = 50;
    private static final int PLOT_TOP = 60;
    private static final int PLOT_RIGHT = LEGEND_X - 30;
    private static final int PLOT_BOTTOM = HEIGHT - 50;
    private static final Color MISSING_COLOUR = new Color(0xB0B0B0);
    private static final int[] PALETTE = {
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
        0xAEC7E8, 0xFFBB78, 0x98DF8A, 0xFF9896, 0xC5B0D5, 0xC49C94, 0xF7B6D2, 0x393B79, 0xDBDB8D, 0x9EDAE5,
    };
    /** Colour of all points of a plot without labels. */
    private static final Color PALETTE_FIRST = new Color(PALETTE[0]);

    /**
     * The points drawn.
     *
     * @param rows indices of the input rows drawn, ascending (all rows unless more than {@link #MAX_POINTS})
     * @param coordinates the (x, y) layout of each drawn row, in the order of {@code rows}
     */
    public record Picture(int[] rows, float[][] coordinates) {
    }

    private EmbeddingPlot() {
    }

    /**
     * Lays the vectors out with UMAP (cosine, n_neighbors 15, min_dist 0.1) and writes the scatter plot.
     *
     * @param vectors one row per cell, all of one dimension, finite, at least one row
     * @param labels one label per row (null entries allowed), or null for a plot without legend
     * @param png the file to write; its folder is created if missing, an existing file is replaced
     * @param seed seed of the layout and of any subsampling
     * @param title the picture's title, or null
     * @return the rows drawn and their layout
     * @throws InvalidInputException if the vectors are empty or ragged or not finite, or the labels do not match the
     *         rows in number
     * @throws UncheckedIOException if the file cannot be written
     * @throws EngineException if text cannot be drawn because the system has no usable font
     */
    public static Picture writeUmapPng(float[][] vectors, String[] labels, Path png, long seed, String title) {
        return writeUmapPng(vectors, labels, png, Umap.Options.DEFAULTS.withSeed(seed), title, CancellationToken.NONE,
            ProgressListener.NONE);
    }

    /**
     * As {@link #writeUmapPng(float[][], String[], Path, long, String)} with explicit UMAP options, cancellation and
     * progress.
     *
     * @param options UMAP hyper-parameters; their seed also drives the subsampling
     * @param cancel polled during the layout
     * @param progress receives the fraction done
     * @return the rows drawn and their layout
     * @throws InvalidInputException if the vectors are empty or ragged or not finite, or the labels do not match the
     *         rows in number
     * @throws CancelledException if cancelled (no file is written)
     * @throws UncheckedIOException if the file cannot be written
     * @throws EngineException if text cannot be drawn because the system has no usable font
     */
    public static Picture writeUmapPng(float[][] vectors, String[] labels, Path png, Umap.Options options,
        String title, CancellationToken cancel, ProgressListener progress) {
        if (vectors == null || vectors.length == 0) {
            throw new InvalidInputException("UMAP picture " + png + ": there are no vectors to draw.");
        }
        checkLabels(labels, vectors.length, png);
        int[] rows = subsample(vectors.length, options.seed());
        float[][] chosen = new float[rows.length][];
        String[] chosenLabels = labels == null ? null : new String[rows.length];
        for (int r = 0; r < rows.length; r++) {
            chosen[r] = vectors[rows[r]];
            if (labels != null) {
                chosenLabels[r] = labels[rows[r]];
            }
        }
        float[][] xy = Umap.layout(chosen, options, cancel, progress);
        String fullTitle = title == null ? "" : title;
        if (rows.length < vectors.length) {
            fullTitle += String.format(Locale.ROOT, " (%,d of %,d cells drawn)", rows.length, vectors.length);
        }
        writeScatterPng(xy, chosenLabels, png, fullTitle);
        return new Picture(rows, xy);
    }

    /**
     * Writes a scatter plot of given 2-D coordinates.
     *
     * @param xy one (x, y) row per point, finite, at least one row
     * @param labels one label per point (null entries allowed), or null for a plot without legend
     * @param png the file to write; its folder is created if missing, an existing file is replaced
     * @param title the picture's title, or null
     * @throws InvalidInputException if a row is not a finite pair or the labels do not match the rows in number
     * @throws UncheckedIOException if the file cannot be written
     * @throws EngineException if text cannot be drawn because the system has no usable font
     */
    public static void writeScatterPng(float[][] xy, String[] labels, Path png, String title) {
        if (xy == null || xy.length == 0) {
            throw new InvalidInputException("Scatter picture " + png + ": there are no points to draw.");
        }
        for (int i = 0; i < xy.length; i++) {
            if (xy[i] == null || xy[i].length != 2 || !Float.isFinite(xy[i][0]) || !Float.isFinite(xy[i][1])) {
                throw new InvalidInputException("Scatter picture " + png + ": point " + (i + 1)
                    + " is not a finite (x, y) pair: " + Arrays.toString(xy[i]) + ".");
            }
        }
        checkLabels(labels, xy.length, png);
        BufferedImage image;
        try {
            image = render(xy, labels, title == null ? "" : title);
        } catch (InternalError | LinkageError e) {
            throw new EngineException("Drawing the text of " + png + " failed: Java finds no usable font (" + e
                + "). Install fontconfig and a font, e.g. the package fonts-dejavu-core.", e);
        }
        write(image, png);
    }

    private static void checkLabels(String[] labels, int n, Path png) {
        if (labels != null && labels.length != n) {
            throw new InvalidInputException("Picture " + png + ": " + labels.length + " labels for " + n
                + " points; give one label per point.");
        }
    }

    /** Rows to draw: all, or {@link #MAX_POINTS} chosen uniformly with the seed, ascending. */
    static int[] subsample(int n, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= MAX_POINTS) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < MAX_POINTS; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, MAX_POINTS);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Legend entries in order: label (null for missing) and count; labels sorted by name, missing last. */
    static Map<String, Integer> legend(String[] labels) {
        TreeMap<String, Integer> named = new TreeMap<>();
        int missing = 0;
        for (String l : labels) {
            if (l == null) {
                missing++;
            } else {
                named.merge(l, 1, Integer::sum);
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>(named);
        if (missing > 0) {
            out.put(null, missing);
        }
        return out;
    }

    /** Colour of the legend entry at the given position; the missing label has {@link #MISSING_COLOUR}. */
    static Color colour(int position) {
        if (position < PALETTE.length) {
            return new Color(PALETTE[position]);
        }
        // golden-angle steps spread further hues evenly around the circle
        float hue = (float) (((position - PALETTE.length) * 0.381966) % 1.0);
        return Color.getHSBColor(hue, 0.7f, 0.8f);
    }

    static Color colourOf(String label, List<String> order) {
        return label == null ? MISSING_COLOUR : colour(order.indexOf(label));
    }

    static BufferedImage render(float[][] xy, String[] labels, String title) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            g.drawString(title, PLOT_LEFT, 35);

            Map<String, Integer> legend = labels == null ? Map.of() : legend(labels);
            List<String> order = new ArrayList<>(legend.keySet());
            drawPoints(g, xy, labels, order);
            drawAxes(g);
            if (labels != null) {
                drawLegend(g, legend, order);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawPoints(Graphics2D g, float[][] xy, String[] labels, List<String> order) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (float[] p : xy) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double spanX = Math.max(maxX - minX, 1e-9);
        double spanY = Math.max(maxY - minY, 1e-9);
        int margin = 12;
        double width = PLOT_RIGHT - PLOT_LEFT - 2.0 * margin;
        double height = PLOT_BOTTOM - PLOT_TOP - 2.0 * margin;
        // one scale for both axes: UMAP distances mean the same in every direction
        double scale = Math.min(width / spanX, height / spanY);
        double offX = PLOT_LEFT + margin + (width - spanX * scale) / 2;
        double offY = PLOT_TOP + margin + (height - spanY * scale) / 2;
        int n = xy.length;
        double radius = n <= 1_000 ? 3.5 : n <= 5_000 ? 2.5 : 1.8;
        Color[] byEntry = new Color[order.size()];
        for (int e = 0; e < byEntry.length; e++) {
            byEntry[e] = colourOf(order.get(e), order);
        }
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int e = 0; e < order.size(); e++) {
            position.put(order.get(e), e);
        }
        // a fixed shuffle of the drawing order, so no label is systematically painted over the others
        int[] drawOrder = new int[n];
        for (int i = 0; i < n; i++) {
            drawOrder[i] = i;
        }
        SplittableRandom random = new SplittableRandom(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = drawOrder[i];
            drawOrder[i] = drawOrder[j];
            drawOrder[j] = t;
        }
        Ellipse2D.Double dot = new Ellipse2D.Double();
        for (int i : drawOrder) {
            g.setColor(labels == null ? PALETTE_FIRST : byEntry[position.get(labels[i])]);
            double px = offX + (xy[i][0] - minX) * scale;
            double py = offY + (maxY - xy[i][1]) * scale;
            dot.setFrame(px - radius, py - radius, 2 * radius, 2 * radius);
            g.fill(dot);
        }
    }

    private static void drawAxes(Graphics2D g) {
        g.setColor(new Color(0x909090));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(PLOT_LEFT, PLOT_TOP, PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        String xLabel = "UMAP 1";
        g.drawString(xLabel, (PLOT_LEFT + PLOT_RIGHT - fm.stringWidth(xLabel)) / 2, PLOT_BOTTOM + 25);
        AffineTransform saved = g.getTransform();
        String yLabel = "UMAP 2";
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(PLOT_TOP + PLOT_BOTTOM + fm.stringWidth(yLabel)) / 2, PLOT_LEFT - 15);
        g.setTransform(saved);
    }

    private static void drawLegend(Graphics2D g, Map<String, Integer> legend, List<String> order) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Label (cells)", LEGEND_X, LEGEND_TOP - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int shown = legend.size() <= MAX_LEGEND_ENTRIES ? legend.size() : MAX_LEGEND_ENTRIES - 1;
        int maxText = WIDTH - LEGEND_X - SWATCH - 20;
        for (int e = 0; e < shown; e++) {
            String label = order.get(e);
            int top = LEGEND_TOP + e * LEGEND_ROW;
            g.setColor(colourOf(label, order));
            g.fillRect(LEGEND_X, top, SWATCH, SWATCH);
            g.setColor(Color.BLACK);
            String text = (label == null ? MISSING_LABEL : label) + " (" + legend.get(label) + ")";
            g.drawString(fit(text, fm, maxText), LEGEND_X + SWATCH + 8, top + SWATCH - 2);
        }
        if (shown < legend.size()) {
            int rest = 0;
            for (int e = shown; e < order.size(); e++) {
                rest += legend.get(order.get(e));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "... %d more labels (%d cells)", order.size() - shown, rest),
                LEGEND_X, LEGEND_TOP + shown * LEGEND_ROW + SWATCH - 2);
        }
    }

    /** Shortens a text with an ellipsis to fit the width. */
    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && fm.stringWidth(t + "...") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    private static void write(BufferedImage image, Path png) {
        Path target = png.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the picture " + png + " failed (" + e.getMessage()
                + "); check that the folder is writable and the disk not full.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is only left behind; the original error is what the user needs
                }
            }
        }
    }
}
