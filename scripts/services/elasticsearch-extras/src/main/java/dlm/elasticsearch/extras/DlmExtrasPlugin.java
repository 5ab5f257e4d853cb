package dlm.elasticsearch.extras;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;

import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;

/**
 * Extras for the integ-test-zip Elasticsearch (which lacks most modules).
 *
 * <p>{@code GET /} and {@code HEAD /} (normally the rest-root module), see {@link RootInfoRestHandler}.
 *
 * <p>Analysis components under the names of the
 * upstream analysis-icu plugin and analysis-common module, so that index settings
 * written for those work unchanged:
 *
 * <ul>
 *   <li>ICU: tokenizer {@code icu_tokenizer}; token filters {@code icu_folding},
 *       {@code icu_normalizer}, {@code icu_transform}; char filter {@code icu_normalizer}</li>
 *   <li>analysis-common subset (what Wagtail's index settings use, plus a few basics):
 *       token filters {@code asciifolding}, {@code ngram}, {@code edge_ngram}; tokenizers
 *       {@code keyword}, {@code whitespace}, {@code ngram}, {@code edge_ngram}; char filter
 *       {@code html_strip}. ({@code standard}, {@code lowercase}, {@code stop} are in the core.)</li>
 * </ul>
 */
public class DlmExtrasPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RootInfoRestHandler(settings));
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "icu_tokenizer", IcuComponents.Tokenizer::new,
            "keyword", CommonComponents.KeywordTokenizer::new,
            "whitespace", CommonComponents.WhitespaceTokenizer::new,
            "ngram", CommonComponents.NGramTokenizer::ngram,
            "edge_ngram", CommonComponents.NGramTokenizer::edgeNGram
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "icu_folding", IcuComponents.Folding::new,
            "icu_normalizer", IcuComponents.Normalizer::new,
            "icu_transform", IcuComponents.Transform::new,
            "asciifolding", CommonComponents.AsciiFolding::new,
            "ngram", CommonComponents.NGramFilter::ngram,
            "edge_ngram", CommonComponents.NGramFilter::edgeNGram
        );
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of(
            "icu_normalizer", IcuComponents.NormalizerCharFilter::new,
            "html_strip", CommonComponents.HtmlStrip::new
        );
    }
}
