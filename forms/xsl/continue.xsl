<?xml version="1.0" encoding="UTF-8"?>
<!-- continue.xsl: on to an identity provider (away), or after a login
     on to where the person was going, or the action they had begun,
     shown again to confirm. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="continue/@away"><xsl:value-of select="i:t('On to the login service')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="i:t('You are logged in')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="continue/keep">
        <p><xsl:value-of select="i:t('Finish what you had begun: nothing has been done yet.')"/></p>
        <form method="post" action="{continue/@href}">
          <input type="hidden" name="csrf" value="{continue/@csrf}"/>
          <xsl:for-each select="continue/keep">
            <input type="hidden" name="{@name}" value="{.}"/>
          </xsl:for-each>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Continue')"/></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p><a href="{continue/@href}"><xsl:value-of select="i:t('Continue')"/></a></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
