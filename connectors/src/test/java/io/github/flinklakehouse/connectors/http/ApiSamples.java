package io.github.flinklakehouse.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real KMA/KEC sample responses of {@code shared.data.dir}, and responses built in exactly their shape
 * where no real one fits (other pages, KEC {@code trafficIc}).
 */
public final class ApiSamples {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiSamples() {}

    /** A sample file's text, byte for byte. */
    public static String read(String relativePath) {
        Path file = Path.of(System.getProperty("shared.data.dir", "../../shared/data"), relativePath);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String KMA_NCST_20200905 = "kma/getUltraSrtNcst_20200905_0800_nx59_ny123.json";
    public static final String KMA_NCST_20220616 = "kma/getUltraSrtNcst_20220616_0000_nx62_ny120.json";
    public static final String KMA_NO_DATA = "kma/error_NO_DATA.json";
    public static final String KMA_INVALID_KEY_XML = "kma/data_go_kr_gateway_error_invalid_key.xml";
    public static final String KMA_VILAGE_FCST = "kma/getVilageFcst_20220212_0500_nx55_ny127_page1_numOfRows5.json";

    /** The items of a KMA sample, as compact JSON texts in response order. */
    public static List<String> kmaItems(String relativePath) {
        List<String> items = new ArrayList<>();
        tree(read(relativePath)).path("response").path("body").path("items").path("item").forEach(i -> items.add(i.toString()));
        return items;
    }

    /** A KMA NORMAL_SERVICE page in the exact envelope of the real responses. */
    public static String kmaPage(List<String> items, int pageNo, int numOfRows, int totalCount) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode response = root.putObject("response");
        ObjectNode header = response.putObject("header");
        header.put("resultCode", "00");
        header.put("resultMsg", "NORMAL_SERVICE");
        ObjectNode body = response.putObject("body");
        body.put("dataType", "JSON");
        ArrayNode array = body.putObject("items").putArray("item");
        items.forEach(i -> array.add(tree(i)));
        body.put("pageNo", pageNo);
        body.put("numOfRows", numOfRows);
        body.put("totalCount", totalCount);
        return root.toString();
    }

    /** A KEC {@code trafficIc} record in the documented field order. */
    public static String kecTrafficIc(String unitCode, String unitName, String carType, String amount, String sumTm) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("exDivCode", "00");
        r.put("exDivName", "도공");
        r.put("unitCode", unitCode);
        r.put("unitName", unitName);
        r.put("inoutType", "0");
        r.put("inoutName", "입구");
        r.put("tmType", "1");
        r.put("tmName", "1시간");
        r.put("tcsType", "1");
        r.put("tcsName", "TCS");
        r.put("carType", carType);
        r.put("trafficAmout", amount);
        r.put("sumDate", "20260919");
        r.put("sumTm", sumTm);
        return r.toString();
    }

    /** A KEC {@code trafficIc} page: flat, {@code pageSize} is the number of pages. */
    public static String kecPage(List<String> records, int count, int pageNo, int numOfRows, int pageSize) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("code", "SUCCESS");
        root.put("message", "인증키가 유효합니다.");
        root.put("count", count);
        root.put("pageNo", pageNo);
        root.put("numOfRows", numOfRows);
        root.put("pageSize", pageSize);
        ArrayNode array = root.putArray("trafficIc");
        records.forEach(r -> array.add(tree(r)));
        return root.toString();
    }

    /** KEC's answer to an invalid key. */
    public static final String KEC_INVALID_KEY =
            "{\"count\":0,\"list\":null,\"message\":\"인증키가 유효하지 않습니다.\",\"code\":\"ERROR\"}";

    /** KEC's answer when nothing matches. */
    public static final String KEC_EMPTY = "{\"code\":\"SUCCESS\",\"count\":0,\"list\":[]}";

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
