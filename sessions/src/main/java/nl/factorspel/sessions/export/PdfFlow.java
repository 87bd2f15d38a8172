package nl.factorspel.sessions.export;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An A4 document written from top to bottom: pages, the embedded fonts, a cursor, and text that wraps
 * and flows onto a new page when the page is full. Characters the font lacks become a replacement
 * character instead of failing the export.
 */
final class PdfFlow implements AutoCloseable {

    static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    static final float MARGIN = 42f;
    /** Space kept free at the bottom of every page for the footer. */
    static final float FOOTER = 22f;
    static final float LEADING = 1.3f;

    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GREY = new Color(0x66, 0x66, 0x66);
    static final Color LIGHT = new Color(0xBB, 0xBB, 0xBB);

    /** DejaVu Sans: free to redistribute, and it has every letter Dutch and English need (ë, é, ’, …). */
    private static final byte[] REGULAR = fontBytes("fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = fontBytes("fonts/DejaVuSans-Bold.ttf");

    final PDDocument doc;
    final PDFont regular;
    final PDFont bold;
    private final Map<PDFont, Map<Integer, Boolean>> glyphs = new HashMap<>();
    private final Map<PDFont, Map<Integer, Float>> advances = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfFlow(String title) {
        doc = new PDDocument();
        try {
            regular = PDType0Font.load(doc, new ByteArrayInputStream(REGULAR), true);
            bold = PDType0Font.load(doc, new ByteArrayInputStream(BOLD), true);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("the bundled font cannot be read", e);
        }
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("Factorspel");
        info.setProducer("Factorspel");
    }

    private static byte[] fontBytes(String resource) {
        try (InputStream in = PdfFlow.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the font " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the font " + resource + " cannot be read", e);
        }
    }

    // --- pages and cursor ---

    void newPage() {
        newPage(PDRectangle.A4);
    }

    /** A new page of another size (an A3 board to print); the cursor starts at its top margin. */
    void newPage(PDRectangle size) {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(size);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = size.getHeight() - MARGIN;
    }

    PDPageContentStream content() {
        return content;
    }

    /** The cursor: the top of what is written next, in PDF points from the bottom. */
    float y() {
        return y;
    }

    void down(float h) {
        y -= h;
    }

    float left() {
        return MARGIN;
    }

    float width() {
        return PAGE_WIDTH - 2 * MARGIN;
    }

    boolean fits(float h) {
        return y - h >= MARGIN + FOOTER;
    }

    /** Starts a new page unless {@code h} more points fit on this one. */
    void ensure(float h) {
        if (!fits(h)) {
            newPage();
        }
    }

    // --- text ---

    /** The text with every character the font cannot show replaced, and control characters made spaces. */
    String safe(String text, PDFont font) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(cp == '\t' || cp == '\r' ? " " : "");
            } else if (has(font, cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(has(font, 0xFFFD) ? "\uFFFD" : "?");
            }
        });
        return out.toString();
    }

    private boolean has(PDFont font, int cp) {
        return glyphs.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(cp, c -> {
            try {
                font.encode(new String(Character.toChars(c)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        });
    }

    /**
     * The width of text already made safe: the sum of its glyphs' widths, as {@link PDFont#getStringWidth}
     * adds them up, with each glyph's width looked up once per document (wrapping measures a line again
     * for every word it tries).
     */
    float width(String safeText, PDFont font, float size) {
        Map<Integer, Float> widths = advances.computeIfAbsent(font, f -> new HashMap<>());
        float total = 0;
        for (int i = 0; i < safeText.length(); ) {
            int cp = safeText.codePointAt(i);
            i += Character.charCount(cp);
            Float w = widths.get(cp);
            if (w == null) {
                try {
                    w = font.getStringWidth(new String(Character.toChars(cp)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                widths.put(cp, w);
            }
            total += w;
        }
        return total / 1000f * size;
    }

    /** Draws one line of text with its baseline at {@code baseline}. */
    void text(String text, PDFont font, float size, float x, float baseline, Color colour) {
        String safe = safe(text, font).replace('\n', ' ');
        if (safe.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(colour);
            content.newLineAtOffset(x, baseline);
            content.showText(safe);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws one line centred on {@code centreX}. */
    void centred(String text, PDFont font, float size, float centreX, float baseline, Color colour) {
        String safe = safe(text, font).replace('\n', ' ');
        text(safe, font, size, centreX - width(safe, font, size) / 2, baseline, colour);
    }

    /** Draws one line ending at {@code rightX}. */
    void rightAligned(String text, PDFont font, float size, float rightX, float baseline, Color colour) {
        String safe = safe(text, font).replace('\n', ' ');
        text(safe, font, size, rightX - width(safe, font, size), baseline, colour);
    }

    /** The text broken into lines no wider than {@code maxWidth}; line breaks in the text are kept. */
    List<String> wrap(String text, PDFont font, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : safe(text, font).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(candidate, font, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // A word wider than the line is cut where it must be, and the cut says so with a hyphen.
                while (width(word, font, size) > maxWidth && word.codePointCount(0, word.length()) > 1) {
                    int n = 1;
                    while (n < word.codePointCount(0, word.length()) - 1
                            && width(word.substring(0, word.offsetByCodePoints(0, n + 1)) + "-", font, size) <= maxWidth) {
                        n++;
                    }
                    int end = word.offsetByCodePoints(0, n);
                    lines.add(word.substring(0, end) + "-");
                    word = word.substring(end);
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** At most {@code max} lines; the last shown ends in an ellipsis when text was cut. */
    List<String> wrap(String text, PDFont font, float size, float maxWidth, int max) {
        List<String> lines = wrap(text, font, size, maxWidth);
        if (lines.size() <= max) {
            return lines;
        }
        List<String> cut = new ArrayList<>(lines.subList(0, max));
        String last = cut.get(max - 1);
        while (!last.isEmpty() && width(last + "…", font, size) > maxWidth) {
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
        }
        cut.set(max - 1, last + "…");
        return cut;
    }

    /** Writes wrapped text at the cursor, starting new pages as needed. */
    void paragraph(String text, PDFont font, float size, float indent, Color colour) {
        float lineHeight = size * LEADING;
        for (String line : wrap(text, font, size, width() - indent)) {
            ensure(lineHeight);
            text(line, font, size, left() + indent, y - size, colour);
            y -= lineHeight;
        }
    }

    /** A heading kept together with at least {@code keepWith} points of what follows it. */
    void heading(String text, float size, float keepWith) {
        float lineHeight = size * LEADING;
        List<String> lines = wrap(text, bold, size, width());
        ensure(lines.size() * lineHeight + keepWith + size * 0.4f);
        y -= size * 0.4f;
        for (String line : lines) {
            text(line, bold, size, left(), y - size, INK);
            y -= lineHeight;
        }
    }

    void gap(float h) {
        y -= h;
    }

    // --- shapes ---

    void fill(Color colour) {
        try {
            content.setNonStrokingColor(colour);
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stroke(Color colour, float lineWidth) {
        try {
            content.setStrokingColor(colour);
            content.setLineWidth(lineWidth);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fillAndStroke(Color fill, Color stroke, float lineWidth) {
        try {
            content.setNonStrokingColor(fill);
            content.setStrokingColor(stroke);
            content.setLineWidth(lineWidth);
            content.fillAndStroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void rect(float x, float y, float w, float h) {
        try {
            content.addRect(x, y, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bézier approximation of a quarter circle. */
    private static final float KAPPA = 0.5523f;

    /** A rectangle with rounded corners of radius {@code r}; {@code x, y} is the lower left corner. */
    void roundedRect(float x, float y, float w, float h, float r) {
        float k = r * KAPPA;
        try {
            content.moveTo(x + r, y);
            content.lineTo(x + w - r, y);
            content.curveTo(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
            content.lineTo(x + w, y + h - r);
            content.curveTo(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
            content.lineTo(x + r, y + h);
            content.curveTo(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
            content.lineTo(x, y + r);
            content.curveTo(x, y + r - k, x + r - k, y, x + r, y);
            content.closePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void circle(float cx, float cy, float r) {
        float k = r * KAPPA;
        try {
            content.moveTo(cx + r, cy);
            content.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
            content.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
            content.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
            content.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
            content.closePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(float x1, float y1, float x2, float y2, Color colour, float lineWidth) {
        try {
            content.moveTo(x1, y1);
            content.lineTo(x2, y2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stroke(colour, lineWidth);
    }

    void dashed(boolean on) {
        try {
            if (on) {
                content.setLineDashPattern(new float[]{3, 2}, 0);
            } else {
                content.setLineDashPattern(new float[]{}, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A colour written as {@code #RRGGBB}; grey when it cannot be read. */
    static Color colour(String hex) {
        if (hex != null && hex.matches("#[0-9a-fA-F]{6}")) {
            return new Color(Integer.parseInt(hex.substring(1), 16));
        }
        return new Color(0xDD, 0xDD, 0xDD);
    }

    static Color darker(Color c, float factor) {
        return new Color(Math.round(c.getRed() * factor), Math.round(c.getGreen() * factor), Math.round(c.getBlue() * factor));
    }

    // --- finishing ---

    /** Numbers the pages in their footers and gives the document's bytes. */
    byte[] finish(String footer, String pageWord) {
        try {
            if (content != null) {
                content.close();
                content = null;
            }
            int pages = doc.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                PDPage page = doc.getPage(i);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content = cs;
                    text(footer, regular, 7, MARGIN, MARGIN - 14, GREY);
                    rightAligned(pageWord + " " + (i + 1) + " / " + pages, regular, 7, page.getMediaBox().getWidth() - MARGIN, MARGIN - 14, GREY);
                }
            }
            content = null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the PDF to memory failed", e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            doc.close();
        } catch (IOException e) {
            // Only memory is held; there is nothing left to release.
        }
    }
}
