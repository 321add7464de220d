package io.pqflux.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartTest {

    @Test
    void oneBarPerRatioInWellFormedSvg() throws Exception {
        List<Ratios.Ratio> ratios = Ratios.compute(RatiosTest.sample());
        String svg = Chart.svg(ratios, "a <title> & more");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList rects = document.getElementsByTagName("rect");
        assertThat(rects.getLength()).isEqualTo(ratios.size());
        double[] widths = new double[rects.getLength()];
        for (int i = 0; i < rects.getLength(); i++) widths[i] = Double.parseDouble(((Element) rects.item(i)).getAttribute("width"));
        // bars are proportional to the ratios: 3.00 vs 6.00
        assertThat(widths[3] / widths[0]).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-2));
        assertThat(svg).contains("RATIO footer-wide pqflux/parquet-java = 6.00");
    }
}
