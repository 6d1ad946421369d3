package com.fxbank.exchange.adapter.out.rates;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import java.util.ArrayList;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One day of the European Central Bank's euro foreign exchange reference rates, parsed strictly from the
 * document it publishes at {@code https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml}:
 * <pre>{@code
 * <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
 *                  xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
 *   <gesmes:subject>Reference rates</gesmes:subject>
 *   <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
 *   <Cube>
 *     <Cube time='2026-11-25'>
 *       <Cube currency='USD' rate='1.0412'/>   <!-- units of the currency per 1 EUR -->
 *       <Cube currency='KRW' rate='1455.73'/>
 *       ...
 * }</pre>
 * Anything else — another root, a DOCTYPE (no entity is ever expanded), no or two days, a currency twice,
 * a rate that is not a plain positive decimal, no KRW — is refused whole: FxBank never prices on a document
 * it does not fully understand.
 *
 * @param day    the day the rates describe
 * @param perEur units of each listed currency per one euro
 */
record EcbReferenceRates(LocalDate day, Map<String, BigDecimal> perEur) {

    static final String GESMES = "http://www.gesmes.org/xml/2002-08-01";
    static final String EUROFXREF = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";
    /** The rates are fixed at the ECB's daily concertation, 14:10 Frankfurt time. */
    private static final LocalTime CONCERTATION = LocalTime.of(14, 10);
    private static final ZoneId FRANKFURT = ZoneId.of("Europe/Berlin");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern RATE = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,8})?");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** The feed said something FxBank will not price on; the message says what. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    EcbReferenceRates {
        perEur = Collections.unmodifiableMap(new LinkedHashMap<>(perEur));
    }

    /** The moment these rates describe. */
    Instant asOf() {
        return day.atTime(CONCERTATION).atZone(FRANKFURT).toInstant();
    }

    static EcbReferenceRates parse(byte[] xml) throws Unusable {
        Document document;
        try {
            document = parser().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new Unusable("not well-formed XML without a DOCTYPE: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!GESMES.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw new Unusable("the root element is not gesmes:Envelope");
        }
        Element outer = only(children(root, "Cube"), "Cube under the envelope");
        Element daily = only(children(outer, "Cube"), "Cube of one day");
        String time = daily.getAttribute("time");
        LocalDate day;
        try {
            if (!DAY.matcher(time).matches()) {
                throw new DateTimeParseException("not yyyy-mm-dd", time, 0);
            }
            day = LocalDate.parse(time);
        } catch (DateTimeParseException e) {
            throw new Unusable("the day's time attribute is not a date (yyyy-mm-dd)");
        }
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (Element cube : children(daily, "Cube")) {
            String currency = cube.getAttribute("currency");
            String rate = cube.getAttribute("rate");
            if (!CODE.matcher(currency).matches()) {
                throw new Unusable("a currency is not three capital letters");
            }
            if (!RATE.matcher(rate).matches() || new BigDecimal(rate).signum() <= 0) {
                throw new Unusable("the rate of " + currency + " is not a plain positive decimal");
            }
            if (rates.put(currency, new BigDecimal(rate)) != null) {
                throw new Unusable(currency + " is listed twice");
            }
        }
        if (!rates.containsKey("KRW")) {
            throw new Unusable("KRW is not listed, so no rate against KRW can be derived");
        }
        return new EcbReferenceRates(day, rates);
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
        return builder;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && EUROFXREF.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element only(List<Element> elements, String what) throws Unusable {
        if (elements.size() != 1) {
            throw new Unusable("expected exactly one " + what + ", found " + elements.size());
        }
        return elements.getFirst();
    }
}
