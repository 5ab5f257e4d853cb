package dlm.opensearch.icu;

import java.util.Map;

import org.opensearch.index.analysis.CharFilterFactory;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

/**
 * Registers ICU analysis components under the names used by the upstream
 * analysis-icu plugin, so index settings written for it work unchanged:
 *
 * <ul>
 *   <li>tokenizer {@code icu_tokenizer} (dictionary-based segmentation: Thai, Lao, Khmer, Myanmar, CJK)</li>
 *   <li>token filters {@code icu_folding}, {@code icu_normalizer}, {@code icu_transform}</li>
 *   <li>char filter {@code icu_normalizer}</li>
 * </ul>
 */
public class IcuAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("icu_tokenizer", IcuTokenizerFactory::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "icu_folding", IcuTokenFilters.Folding::new,
            "icu_normalizer", IcuTokenFilters.Normalizer::new,
            "icu_transform", IcuTokenFilters.Transform::new
        );
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("icu_normalizer", IcuNormalizerCharFilterFactory::new);
    }
}
