<?xml version="1.0" encoding="UTF-8"?>
<!--
  feedback-summary.xsl: what the families answered when their relay logs
  closed, counted per service and finished half-year: for each statement
  the mean (1 to 5) and the share who agreed (4 or 5); a service or a
  statement with too few answers shows no figures. View: h_feedback.c
  (page "feedback-summary": <feedback-summary scope min><question id/>
  <half id from to><unit name answers? suppressed?><question id answered
  mean agree suppressed?/><comment/></unit></half>).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('The families’ feedback')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="s" select="feedback-summary"/>
    <h1><xsl:value-of select="i:t('The families’ feedback')"/></h1>
    <p class="intro"><xsl:value-of select="i:t('When a relay log closes, the guardians and the young person from 15 are asked how the cooperation went. Their answers have no name and no case: they are counted here per service and half-year, once the half-year is over.')"/></p>
    <p><xsl:value-of select="i:t('A service or a statement with fewer than {0} answers in a half-year shows no figures, so that no family’s answer can be recognised.', $s/@min)"/></p>
    <xsl:for-each select="$s/half">
      <section aria-labelledby="half-{@id}">
        <h2 id="half-{@id}">
          <xsl:choose>
            <xsl:when test="substring(@id, 6) = '1'"><xsl:value-of select="i:t('January to June {0}', substring(@id, 1, 4))"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('July to December {0}', substring(@id, 1, 4))"/></xsl:otherwise>
          </xsl:choose>
        </h2>
        <xsl:choose>
          <xsl:when test="not(unit)">
            <p class="none"><xsl:value-of select="i:t('No answers.')"/></p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="unit">
              <h3><xsl:value-of select="@name"/></h3>
              <xsl:choose>
                <xsl:when test="@suppressed">
                  <p class="none"><xsl:value-of select="i:t('Fewer than {0} answers: not shown.', $s/@min)"/></p>
                </xsl:when>
                <xsl:otherwise>
                  <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-cap">
                    <table class="list">
                      <caption id="{generate-id()}-cap"><xsl:value-of select="i:t('{0} families answered', @answers)"/></caption>
                      <thead>
                        <tr>
                          <th scope="col"><xsl:value-of select="i:t('Statement')"/></th>
                          <th scope="col" class="num"><xsl:value-of select="i:t('Answered')"/></th>
                          <th scope="col" class="num"><xsl:value-of select="i:t('Mean (1–5)')"/></th>
                          <th scope="col" class="num"><xsl:value-of select="i:t('Agree (4 or 5)')"/></th>
                        </tr>
                      </thead>
                      <tbody>
                        <xsl:for-each select="question">
                          <tr>
                            <th scope="row"><xsl:value-of select="."/></th>
                            <xsl:choose>
                              <xsl:when test="@suppressed">
                                <td colspan="3"><xsl:value-of select="i:t('Fewer than {0} answers', $s/@min)"/></td>
                              </xsl:when>
                              <xsl:otherwise>
                                <td class="num"><xsl:value-of select="@answered"/></td>
                                <td class="num"><xsl:value-of select="translate(@mean, '.', ',')"/></td>
                                <td class="num"><xsl:value-of select="@agree"/><xsl:text> %</xsl:text></td>
                              </xsl:otherwise>
                            </xsl:choose>
                          </tr>
                        </xsl:for-each>
                      </tbody>
                    </table>
                  </div>
                  <xsl:if test="comment">
                    <h4><xsl:value-of select="i:t('What the families say could have been better')"/></h4>
                    <ul class="comments">
                      <xsl:for-each select="comment"><li class="text"><xsl:value-of select="."/></li></xsl:for-each>
                    </ul>
                    <xsl:if test="@comments-shown">
                      <p class="muted"><xsl:value-of select="i:t('The first {0} are shown, in the order of their words.', @comments-shown)"/></p>
                    </xsl:if>
                  </xsl:if>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
