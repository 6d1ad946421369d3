package com.fxbank.exchange.adapter.out.rates;

/** Documents in the format the ECB publishes its daily euro reference rates in, written from that format. */
public final class EcbDocuments {

    private EcbDocuments() {
    }

    /** A document as the ECB publishes it, for one day and the given rates (units per EUR). */
    public static String document(String day, String... currencyRatePairs) {
        StringBuilder cubes = new StringBuilder();
        for (int i = 0; i < currencyRatePairs.length; i += 2) {
            cubes.append("\t\t\t<Cube currency='").append(currencyRatePairs[i]).append("' rate='")
                    .append(currencyRatePairs[i + 1]).append("'/>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                \t<gesmes:subject>Reference rates</gesmes:subject>
                \t<gesmes:Sender>
                \t\t<gesmes:name>European Central Bank</gesmes:name>
                \t</gesmes:Sender>
                \t<Cube>
                \t\t<Cube time='%s'>
                %s\t\t</Cube>
                \t</Cube>
                </gesmes:Envelope>
                """.formatted(day, cubes);
    }

    /** A good day: USD, JPY, KRW and two currencies FxBank does not trade. */
    public static String good(String day) {
        return document(day, "USD", "1.0412", "JPY", "161.23", "CZK", "25.271", "GBP", "0.83215", "KRW", "1455.73");
    }
}
