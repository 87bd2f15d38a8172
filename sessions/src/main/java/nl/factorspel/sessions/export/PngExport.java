package nl.factorspel.sessions.export;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import nl.factorspel.sessions.workshop.Workshop;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The digital photo of one board as a PNG: the first page of {@link PdfExport#round}, rendered at 150 dpi. */
public final class PngExport {

    static final float DPI = 150;

    static {
        // Rendering needs no screen; a server has none.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PngExport() {
    }

    public static byte[] round(Workshop w, int table, int round, String language, boolean pseudonymise) {
        byte[] pdf = PdfExport.round(w, table, round, language, pseudonymise);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, DPI, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the board failed", e);
        }
    }
}
