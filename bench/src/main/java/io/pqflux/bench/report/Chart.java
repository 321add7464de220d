package io.pqflux.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws the ratios of {@link Ratios} as a horizontal SVG bar chart (one bar per RATIO line, a dashed line at 1×,
 * where pqflux and its baseline are equally fast), written by hand so the chart needs nothing but the JDK.
 */
public final class Chart {

    private static final int LABEL_WIDTH = 360;
    private static final int BAR_AREA = 420;
    private static final int BAR_HEIGHT = 18;
    private static final int ROW_HEIGHT = 26;
    private static final int TOP = 40;

    private Chart() {
    }

    public static String svg(List<Ratios.Ratio> ratios, String title) {
        double max = 1;
        for (Ratios.Ratio r : ratios) max = Math.max(max, r.value());
        double scale = BAR_AREA / (Math.ceil(max));
        int width = LABEL_WIDTH + BAR_AREA + 80;
        int height = TOP + ROW_HEIGHT * ratios.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(title)));
        for (int i = 0; i < ratios.size(); i++) {
            Ratios.Ratio r = ratios.get(i);
            int y = TOP + i * ROW_HEIGHT;
            double barWidth = Math.max(0, r.value() * scale);
            String colour = r.value() >= 1 ? "#2b8a3e" : "#c92a2a";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 13, escape(r.suite() + "  " + r.what())));
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s</title></rect>%n", LABEL_WIDTH, y, barWidth, BAR_HEIGHT, colour, escape(r.line())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f×</text>%n", LABEL_WIDTH + barWidth + 4, y + 13, r.value()));
        }
        double one = LABEL_WIDTH + scale;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>%n",
                one, TOP - 6, one, TOP + ROW_HEIGHT * ratios.size()));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">1× (baseline)</text>%n",
                one, TOP + ROW_HEIGHT * ratios.size() + 16));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code Chart <output.svg> <jmh.json>...}: the ratio chart of the given JMH result files. */
    public static void main(String[] args) {
        if (args.length < 2) throw new IllegalArgumentException("usage: Chart <output.svg> <jmh-result.json>...");
        Path output = Path.of(args[0]);
        List<Path> inputs = List.of(args).subList(1, args.length).stream().map(Path::of).toList();
        String svg = svg(Ratios.compute(JmhResult.read(inputs)), "pqflux vs baseline, throughput ratio (> 1: pqflux faster)");
        try {
            if (output.getParent() != null) Files.createDirectories(output.getParent());
            Files.writeString(output, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + output, e);
        }
        System.out.println("chart: " + output);
    }
}
