package io.github.flinklakehouse.jobs.roadtraffic.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The exact response bodies of the two APIs (shapes of {@code shared/data}: field order, types, error bodies), for
 * the emulator.
 */
public final class RoadApiResponses {

    /** KEC's answer to an invalid key. */
    public static final String KEC_INVALID_KEY =
            "{\"count\":0,\"list\":null,\"message\":\"인증키가 유효하지 않습니다.\",\"code\":\"ERROR\"}";
    /** KEC's answer when nothing matches. */
    public static final String KEC_EMPTY = "{\"code\":\"SUCCESS\",\"count\":0,\"list\":[]}";
    /** KMA's NO_DATA answer. */
    public static final String KMA_NO_DATA =
            "{\"response\":{\"header\":{\"resultCode\":\"03\",\"resultMsg\":\"NO_DATA\"}}}";
    /** The data.go.kr gateway's answer to an unknown key: XML with HTTP 200, even when JSON was asked. */
    public static final String KMA_INVALID_KEY_XML = "<OpenAPI_ServiceResponse>\n\t<cmmMsgHeader>\n"
            + "\t\t<errMsg>SERVICE ERROR</errMsg>\n"
            + "\t\t<returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg>\n"
            + "\t\t<returnReasonCode>30</returnReasonCode>\n\t</cmmMsgHeader>\n</OpenAPI_ServiceResponse>";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RoadApiResponses() {
    }

    /** One {@code trafficIc} page: flat, records under {@code trafficIc}, {@code pageSize} = number of pages. */
    public static String kecPage(List<EmulatedTrafficCount> page, int count, int pageNo, int numOfRows,
            int pageSize) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("code", "SUCCESS");
        root.put("message", "인증키가 유효합니다.");
        root.put("count", count);
        root.put("pageNo", pageNo);
        root.put("numOfRows", numOfRows);
        root.put("pageSize", pageSize);
        ArrayNode records = root.putArray("trafficIc");
        for (EmulatedTrafficCount c : page) {
            ObjectNode r = records.addObject();
            r.put("exDivCode", "00");
            r.put("exDivName", "도공");
            r.put("unitCode", c.unitCode());
            r.put("unitName", c.unitName());
            r.put("inoutType", c.inoutType());
            r.put("inoutName", c.inoutType().equals("0") ? "입구" : "출구");
            r.put("tmType", "2");
            r.put("tmName", "15분");
            r.put("tcsType", c.tcsType());
            r.put("tcsName", c.tcsType().equals("1") ? "TCS" : "hi-pass");
            r.put("carType", c.carType());
            r.put("trafficAmout", c.trafficAmout());
            r.put("sumDate", c.sumDate());
            r.put("sumTm", c.sumTm());
        }
        return root.toString();
    }

    /** One KMA NORMAL_SERVICE page: {@code response.header}, {@code response.body.items.item[]} and paging. */
    public static String kmaPage(List<EmulatedForecastItem> page, int pageNo, int numOfRows, int totalCount) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode response = root.putObject("response");
        ObjectNode header = response.putObject("header");
        header.put("resultCode", "00");
        header.put("resultMsg", "NORMAL_SERVICE");
        ObjectNode body = response.putObject("body");
        body.put("dataType", "JSON");
        ArrayNode items = body.putObject("items").putArray("item");
        for (EmulatedForecastItem i : page) {
            ObjectNode item = items.addObject();
            item.put("baseDate", i.baseDate());
            item.put("baseTime", i.baseTime());
            item.put("category", i.category());
            item.put("fcstDate", i.fcstDate());
            item.put("fcstTime", i.fcstTime());
            item.put("fcstValue", i.fcstValue());
            item.put("nx", i.nx());
            item.put("ny", i.ny());
        }
        body.put("pageNo", pageNo);
        body.put("numOfRows", numOfRows);
        body.put("totalCount", totalCount);
        return root.toString();
    }
}
