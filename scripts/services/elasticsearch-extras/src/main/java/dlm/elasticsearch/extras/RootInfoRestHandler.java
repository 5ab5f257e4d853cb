package dlm.elasticsearch.extras;

import java.util.List;

import org.apache.lucene.util.Version;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.Node;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;

/**
 * {@code GET /} (node and version info, as clients' {@code info()} expect) and
 * {@code HEAD /} (clients' {@code ping()}).
 */
final class RootInfoRestHandler extends BaseRestHandler {

    private final String body;

    RootInfoRestHandler(Settings settings) {
        Build build = Build.current();
        this.body = "{\n"
            + "  \"name\" : " + quote(Node.NODE_NAME_SETTING.get(settings)) + ",\n"
            + "  \"cluster_name\" : " + quote(ClusterName.CLUSTER_NAME_SETTING.get(settings).value()) + ",\n"
            + "  \"cluster_uuid\" : \"_na_\",\n"
            + "  \"version\" : {\n"
            + "    \"number\" : " + quote(build.version()) + ",\n"
            + "    \"build_flavor\" : " + quote(build.flavor()) + ",\n"
            + "    \"build_type\" : \"zip\",\n"
            + "    \"build_hash\" : " + quote(build.hash()) + ",\n"
            + "    \"build_date\" : " + quote(build.date()) + ",\n"
            + "    \"build_snapshot\" : " + build.isSnapshot() + ",\n"
            + "    \"lucene_version\" : " + quote(Version.LATEST.toString()) + ",\n"
            + "    \"minimum_wire_compatibility_version\" : " + quote(build.minWireCompatVersion()) + ",\n"
            + "    \"minimum_index_compatibility_version\" : " + quote(build.minIndexCompatVersion()) + "\n"
            + "  },\n"
            + "  \"tagline\" : \"You Know, for Search\"\n"
            + "}\n";
    }

    private static String quote(String s) {
        return "\"" + String.valueOf(s).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String getName() {
        return "dlm_root_info";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        if (request.method() == RestRequest.Method.HEAD) {
            return channel -> channel.sendResponse(new RestResponse(RestStatus.OK, "application/json", BytesArray.EMPTY));
        }
        return channel -> channel.sendResponse(new RestResponse(RestStatus.OK, "application/json", body));
    }
}
